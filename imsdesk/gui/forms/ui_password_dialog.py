# Generated from ui/password_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'password_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGridLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PasswordDialog(object):
    def setupUi(self, PasswordDialog):
        if not PasswordDialog.objectName():
            PasswordDialog.setObjectName(u"PasswordDialog")
        PasswordDialog.resize(440, 220)
        self.outer_layout = QVBoxLayout(PasswordDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(PasswordDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_layout = QGridLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setHorizontalSpacing(12)
        self.fields_layout.setVerticalSpacing(2)
        self.password_label = QLabel(PasswordDialog)
        self.password_label.setObjectName(u"password_label")

        self.fields_layout.addWidget(self.password_label, 0, 0, 1, 1)

        self.password = QLineEdit(PasswordDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.fields_layout.addWidget(self.password, 0, 1, 1, 1)

        self.password_error = QLabel(PasswordDialog)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setWordWrap(True)
        self.password_error.setVisible(False)

        self.fields_layout.addWidget(self.password_error, 1, 1, 1, 1)

        self.confirmation_label = QLabel(PasswordDialog)
        self.confirmation_label.setObjectName(u"confirmation_label")

        self.fields_layout.addWidget(self.confirmation_label, 2, 0, 1, 1)

        self.confirmation = QLineEdit(PasswordDialog)
        self.confirmation.setObjectName(u"confirmation")
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)

        self.fields_layout.addWidget(self.confirmation, 2, 1, 1, 1)


        self.outer_layout.addLayout(self.fields_layout)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer_layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(PasswordDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.password_label.setBuddy(self.password)
        self.confirmation_label.setBuddy(self.confirmation)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.password, self.confirmation)
        QWidget.setTabOrder(self.confirmation, self.buttons)

        self.retranslateUi(PasswordDialog)

        QMetaObject.connectSlotsByName(PasswordDialog)
    # setupUi

    def retranslateUi(self, PasswordDialog):
        PasswordDialog.setWindowTitle(QCoreApplication.translate("PasswordDialog", u"Reset password", None))
        self.password_label.setText(QCoreApplication.translate("PasswordDialog", u"New &password", None))
#if QT_CONFIG(tooltip)
        self.password.setToolTip(QCoreApplication.translate("PasswordDialog", u"At least 8 characters; a few words are easier to remember than symbols.", None))
#endif // QT_CONFIG(tooltip)
        self.confirmation_label.setText(QCoreApplication.translate("PasswordDialog", u"Pass&word again", None))
    # retranslateUi

