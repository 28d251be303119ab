# Generated from ui/user_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_UserDialog(object):
    def setupUi(self, UserDialog):
        if not UserDialog.objectName():
            UserDialog.setObjectName(u"UserDialog")
        UserDialog.resize(460, 330)
        self.outer_layout = QVBoxLayout(UserDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(UserDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_layout = QGridLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setHorizontalSpacing(12)
        self.fields_layout.setVerticalSpacing(2)
        self.display_name_label = QLabel(UserDialog)
        self.display_name_label.setObjectName(u"display_name_label")

        self.fields_layout.addWidget(self.display_name_label, 0, 0, 1, 1)

        self.display_name = QLineEdit(UserDialog)
        self.display_name.setObjectName(u"display_name")

        self.fields_layout.addWidget(self.display_name, 0, 1, 1, 1)

        self.display_name_error = QLabel(UserDialog)
        self.display_name_error.setObjectName(u"display_name_error")
        self.display_name_error.setWordWrap(True)
        self.display_name_error.setVisible(False)

        self.fields_layout.addWidget(self.display_name_error, 1, 1, 1, 1)

        self.username_label = QLabel(UserDialog)
        self.username_label.setObjectName(u"username_label")

        self.fields_layout.addWidget(self.username_label, 2, 0, 1, 1)

        self.username = QLineEdit(UserDialog)
        self.username.setObjectName(u"username")

        self.fields_layout.addWidget(self.username, 2, 1, 1, 1)

        self.username_error = QLabel(UserDialog)
        self.username_error.setObjectName(u"username_error")
        self.username_error.setWordWrap(True)
        self.username_error.setVisible(False)

        self.fields_layout.addWidget(self.username_error, 3, 1, 1, 1)

        self.registration_number_label = QLabel(UserDialog)
        self.registration_number_label.setObjectName(u"registration_number_label")

        self.fields_layout.addWidget(self.registration_number_label, 4, 0, 1, 1)

        self.registration_number = QLineEdit(UserDialog)
        self.registration_number.setObjectName(u"registration_number")

        self.fields_layout.addWidget(self.registration_number, 4, 1, 1, 1)

        self.registration_number_error = QLabel(UserDialog)
        self.registration_number_error.setObjectName(u"registration_number_error")
        self.registration_number_error.setWordWrap(True)
        self.registration_number_error.setVisible(False)

        self.fields_layout.addWidget(self.registration_number_error, 5, 1, 1, 1)

        self.role_label = QLabel(UserDialog)
        self.role_label.setObjectName(u"role_label")

        self.fields_layout.addWidget(self.role_label, 6, 0, 1, 1)

        self.role = QComboBox(UserDialog)
        self.role.setObjectName(u"role")

        self.fields_layout.addWidget(self.role, 6, 1, 1, 1)

        self.role_error = QLabel(UserDialog)
        self.role_error.setObjectName(u"role_error")
        self.role_error.setWordWrap(True)
        self.role_error.setVisible(False)

        self.fields_layout.addWidget(self.role_error, 7, 1, 1, 1)

        self.password_label = QLabel(UserDialog)
        self.password_label.setObjectName(u"password_label")

        self.fields_layout.addWidget(self.password_label, 8, 0, 1, 1)

        self.password = QLineEdit(UserDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.fields_layout.addWidget(self.password, 8, 1, 1, 1)

        self.password_error = QLabel(UserDialog)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setWordWrap(True)
        self.password_error.setVisible(False)

        self.fields_layout.addWidget(self.password_error, 9, 1, 1, 1)

        self.confirmation_label = QLabel(UserDialog)
        self.confirmation_label.setObjectName(u"confirmation_label")

        self.fields_layout.addWidget(self.confirmation_label, 10, 0, 1, 1)

        self.confirmation = QLineEdit(UserDialog)
        self.confirmation.setObjectName(u"confirmation")
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)

        self.fields_layout.addWidget(self.confirmation, 10, 1, 1, 1)

        self.confirmation_error = QLabel(UserDialog)
        self.confirmation_error.setObjectName(u"confirmation_error")
        self.confirmation_error.setWordWrap(True)
        self.confirmation_error.setVisible(False)

        self.fields_layout.addWidget(self.confirmation_error, 11, 1, 1, 1)


        self.outer_layout.addLayout(self.fields_layout)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer_layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(UserDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.display_name_label.setBuddy(self.display_name)
        self.username_label.setBuddy(self.username)
        self.registration_number_label.setBuddy(self.registration_number)
        self.role_label.setBuddy(self.role)
        self.password_label.setBuddy(self.password)
        self.confirmation_label.setBuddy(self.confirmation)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.display_name, self.username)
        QWidget.setTabOrder(self.username, self.registration_number)
        QWidget.setTabOrder(self.registration_number, self.role)
        QWidget.setTabOrder(self.role, self.password)
        QWidget.setTabOrder(self.password, self.confirmation)
        QWidget.setTabOrder(self.confirmation, self.buttons)

        self.retranslateUi(UserDialog)

        QMetaObject.connectSlotsByName(UserDialog)
    # setupUi

    def retranslateUi(self, UserDialog):
        UserDialog.setWindowTitle(QCoreApplication.translate("UserDialog", u"Who charts on this workstation?", None))
        self.intro.setText(QCoreApplication.translate("UserDialog", u"Visits are signed in a clinician's name. Enter yours; it is printed on take-home summaries with your registration number.", None))
        self.display_name_label.setText(QCoreApplication.translate("UserDialog", u"&Name", None))
        self.display_name.setPlaceholderText(QCoreApplication.translate("UserDialog", u"e.g. Alex Morgan, PT", None))
#if QT_CONFIG(tooltip)
        self.display_name.setToolTip(QCoreApplication.translate("UserDialog", u"Your name as it appears on signed notes and summaries.", None))
#endif // QT_CONFIG(tooltip)
        self.username_label.setText(QCoreApplication.translate("UserDialog", u"&User name", None))
        self.username.setPlaceholderText(QCoreApplication.translate("UserDialog", u"e.g. amorgan", None))
#if QT_CONFIG(tooltip)
        self.username.setToolTip(QCoreApplication.translate("UserDialog", u"A short name to sign in with.", None))
#endif // QT_CONFIG(tooltip)
        self.registration_number_label.setText(QCoreApplication.translate("UserDialog", u"&Registration no.", None))
#if QT_CONFIG(tooltip)
        self.registration_number.setToolTip(QCoreApplication.translate("UserDialog", u"Your professional registration number (printed on summaries).", None))
#endif // QT_CONFIG(tooltip)
        self.role_label.setText(QCoreApplication.translate("UserDialog", u"&Role", None))
#if QT_CONFIG(tooltip)
        self.role.setToolTip(QCoreApplication.translate("UserDialog", u"Therapists chart visits; front desk finds and books patients without seeing clinical notes; administrators also manage accounts.", None))
#endif // QT_CONFIG(tooltip)
        self.password_label.setText(QCoreApplication.translate("UserDialog", u"&Password", None))
#if QT_CONFIG(tooltip)
        self.password.setToolTip(QCoreApplication.translate("UserDialog", u"At least 8 characters; a few words are easier to remember than symbols.", None))
#endif // QT_CONFIG(tooltip)
        self.confirmation_label.setText(QCoreApplication.translate("UserDialog", u"Pass&word again", None))
    # retranslateUi

